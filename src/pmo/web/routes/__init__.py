"""The routes: pages (HTML), their JSON twins and the API, downloads, the check-in door, login."""
