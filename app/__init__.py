"""driftaudit's service, dashboard and command line, on top of the `scoring` library."""
