"""The PDF stage: the HTML typeset by WeasyPrint, fetched confined, tagged to PDF/UA-1."""
