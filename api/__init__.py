"""The web API: chat gateway for the widget, municipalities, health."""
