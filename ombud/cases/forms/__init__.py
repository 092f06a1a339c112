"""Forms of the cases app, split by sub-domain (cases, journal, citizens, taxonomy, shared
fields); import from here."""

from ombud.cases.forms.cases import (
    CITIZEN_ERROR_FIELDS,
    DEFAULT_CHANNEL_CODE,
    CaseForm,
    CloseForm,
)
from ombud.cases.forms.citizens import (
    FORM_FIELDS,
    MATCH_REASONS,
    NEW_CITIZEN,
    CitizenForm,
    MergeConfirmForm,
    chosen_citizen,
    citizen_choices,
    citizen_initial,
    dkfds_style,
    match_label,
)
from ombud.cases.forms.fields import (
    HandlingSelect,
    TaxonomyChoiceField,
    TaxonomyLabelMixin,
    TaxonomyMultipleChoiceField,
    apply_errors,
    handler_choices,
    offered_entries,
    select_widget,
)
from ombud.cases.forms.journal import (
    JournalForm,
)
from ombud.cases.forms.taxonomy import (
    GroupChoiceField,
    TaxonomyEntryForm,
)

__all__ = [
    "CITIZEN_ERROR_FIELDS",
    "DEFAULT_CHANNEL_CODE",
    "FORM_FIELDS",
    "MATCH_REASONS",
    "NEW_CITIZEN",
    "CaseForm",
    "CitizenForm",
    "CloseForm",
    "GroupChoiceField",
    "HandlingSelect",
    "JournalForm",
    "MergeConfirmForm",
    "TaxonomyChoiceField",
    "TaxonomyEntryForm",
    "TaxonomyLabelMixin",
    "TaxonomyMultipleChoiceField",
    "apply_errors",
    "chosen_citizen",
    "citizen_choices",
    "citizen_initial",
    "dkfds_style",
    "handler_choices",
    "match_label",
    "offered_entries",
    "select_widget",
]
