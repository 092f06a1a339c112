"""What the test provider says about a user: groups from Django groups, MFA by a group too."""

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

# A user in this group "logged in with a second factor": the ID token carries amr ["pwd","mfa"].
MFA_GROUP = "__mfa__"


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "openid", "amr": "openid"}

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        groups = [g.name for g in user.groups.all()]
        return {
            "preferred_username": user.username,
            "email": user.email,
            "name": user.get_full_name(),
            "groups": [g for g in groups if g != MFA_GROUP],
            "amr": ["pwd", "mfa"] if MFA_GROUP in groups else ["pwd"],
        }
