"""`/healthz` (the process answers) and `/readyz` (it can serve: database, cache, job runner),
for load balancers and monitoring (docs/deployment.md). Readiness uses django-health-check;
its answers name a failing check, never a setting or a host."""

import dataclasses
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from ombud.core.jobs import heartbeat_age

# The runner's jobs run every minute; three missed rounds mean it has stopped.
RUNNER_SILENT_AFTER = dt.timedelta(minutes=3)


@dataclasses.dataclass
class JobRunner(HealthCheck):
    """The job runner (`ombud worker`) has run a job lately."""

    def run(self) -> None:
        age = heartbeat_age()
        if age is None:
            raise ServiceUnavailable("the job runner has never run")
        if age > RUNNER_SILENT_AFTER:
            raise ServiceUnavailable(f"no job has run for {int(age.total_seconds() // 60)} min")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: answers without the database, so a database outage does not restart us."""
    return HttpResponse("ok\n", content_type="text/plain")


readyz = HealthCheckView.as_view(
    checks=[
        "health_check.checks.Database",
        "health_check.checks.Cache",
        JobRunner,
    ]
)
