"""Check-ins from form tools: Google Forms and Microsoft Forms exports (CSV and XLSX).

`pmo.sources.forms.questions` recognises the columns; `pmo.sources.forms.reader` reads
the answers into `CheckIn` records. Documented in docs/formats/forms.md.
"""
