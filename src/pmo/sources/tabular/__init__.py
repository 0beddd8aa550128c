"""Spreadsheets: Excel workbooks and CSV files of tasks, registers and people."""
