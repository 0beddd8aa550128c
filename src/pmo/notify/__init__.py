"""Delivery: e-mail through SMTP (`mail`) and chat messages through incoming webhooks (`webhooks`)."""
