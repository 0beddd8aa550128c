"""The web app (`pmo serve`): the PMO cockpit for the manager and a door for the team.

Server-rendered pages (Jinja2, htmx vendored in static/), each with a JSON twin under /api,
described by the OpenAPI document at /openapi.json. It holds no domain logic: pages render
the Review and call pmo.api, like the CLI. See docs/web.md.
"""

from pmo.web.app import create_app

__all__ = ["create_app"]
