"""The web API's routes, one module per resource."""
