import pytest

from tests.builders.learning import complete_program
from tests.builders.routes import accept_route, kuzbass_team, submitted_route, three_stops  # noqa: F401


@pytest.fixture
def accepted_route(demo, submitted_route):  # noqa: F811
    return accept_route(demo, submitted_route)


@pytest.fixture
def graduate(demo, accepted_route):
    """The Kuzbass captain, with every lesson done and the team's route accepted."""
    learner = demo.users["kuzbass_captain"]
    complete_program(demo, learner)
    return learner
