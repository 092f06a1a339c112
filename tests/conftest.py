"""Fixed personas across two municipalities, used by every test module.

Ishøj and Hvidovre share one advisor (as in the seed). The outsider works only in Brøndby and
must get a 404 from everything in Ishøj.
"""

import pytest
from django.test import Client

from tests.personas import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture
def advisor_client(personas: Personas) -> Client:
    from tests.personas import verified_client

    return verified_client(personas.advisor)
