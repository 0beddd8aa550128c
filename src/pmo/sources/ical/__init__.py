"""iCalendar: files, URLs and CalDAV collections; meetings, occurrences and absences."""
