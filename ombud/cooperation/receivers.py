"""What cooperation does when other apps announce something (wired in CooperationConfig.ready)."""

from typing import Any

from django.dispatch import receiver

from ombud.cases.signals import cases_registered
from ombud.cooperation.services import centres_follow_up


@receiver(cases_registered, dispatch_uid="cooperation_centres_follow_up")
def follow_up_registered_cases(
    sender: Any, case_ids: list[int], imported: bool = False, **kwargs: Any
) -> None:
    centres_follow_up(case_ids=case_ids, imported=imported)
