"""The API against its own OpenAPI schema: schemathesis generates requests for every
operation (valid and invalid parameters, huge numbers, odd strings), sends them to the WSGI
app in-process with an admin's token, and no answer is a server error."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from reports.api import api
from reports.models import ApiToken

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
APP = get_wsgi_application()


@pytest.fixture
def admin_token(demo):
    _, raw = ApiToken.issue(demo.users["admin"], "schemathesis")
    # As Django's test client does: a request's end must not close the test's connection
    # (the test runs in a transaction that connection holds).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield raw
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_api_operation_answers_a_server_error(case, admin_token):
    response = case.call(app=APP, headers={"Authorization": f"Bearer {admin_token}"})
    assert response.status_code < 500, (case.path, case.path_parameters, case.query)
    case.validate_response(response, checks=[not_a_server_error])


def test_the_schema_lists_every_operation():
    # parametrize() above fuzzes what the schema lists: all four operations, none dropped.
    assert len(list(schema.get_all_operations())) == 4
