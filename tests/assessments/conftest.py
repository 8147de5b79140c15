from tests.builders.routes import kuzbass_team, submitted_route, three_stops  # noqa: F401
