"""Jira: CSV exports, JSON search results and the REST API."""
