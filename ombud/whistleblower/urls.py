"""Both halves of the scheme under one namespace: public pages (no login) and handler pages."""

from django.urls import path

from ombud.whistleblower.views import (
    admin,
    custody,
    handler,
    handler_actions,
    handler_scheme,
    lists,
    public,
    questions,
)

app_name = "whistleblower"

PUBLIC = "whistleblower/<slug:slug>/"
HANDLER = "m/<slug:slug>/whistleblower/"
REPORT = HANDLER + "<uuid:public_id>/"

urlpatterns = [
    path(PUBLIC, public.info, name="info"),
    path(PUBLIC + "indberet/", public.report, name="report"),
    path(PUBLIC + "privatliv/", public.privacy, name="privacy"),
    path(PUBLIC + "kvittering/", public.receipt, name="receipt"),
    path(PUBLIC + "postkasse/log-ind/", public.inbox_login, name="inbox_login"),
    path(PUBLIC + "postkasse/", public.inbox, name="inbox"),
    path(PUBLIC + "postkasse/moede/", public.meeting_request, name="meeting_request"),
    path(PUBLIC + "postkasse/moede/accepter/", public.meeting_accept, name="meeting_accept"),
    path(PUBLIC + "postkasse/godkend/", public.minutes_approve, name="minutes_approve"),
    path(PUBLIC + "postkasse/fil/<uuid:file_id>/", public.inbox_file, name="inbox_file"),
    path(PUBLIC + "postkasse/log-ud/", public.inbox_logout, name="inbox_logout"),
    path(HANDLER, handler.report_list, name="handler_list"),
    path(HANDLER + "laas-op/", handler.unlock, name="unlock"),
    path(HANDLER + "afventer-godkendelse/", custody.pending, name="pending"),
    path(HANDLER + "godkendelser/", custody.approvals, name="approvals"),
    path(HANDLER + "godkendelser/<int:handler_id>/", custody.approve, name="approve"),
    path(HANDLER + "ordning/", handler_scheme.scheme_edit, name="scheme_edit"),
    path(HANDLER + "statistik/", handler_scheme.statistics, name="statistics"),
    path(HANDLER + "eksport.csv", handler.report_csv, name="csv"),
    path(HANDLER + "ordning/spoergsmaal/", questions.handler_questions, name="questions"),
    path(HANDLER + "indstillinger/", admin.scheme_settings, name="scheme_settings"),
    path(
        HANDLER + "indstillinger/spoergsmaal/",
        questions.admin_questions,
        name="admin_questions",
    ),
    path(HANDLER + "ordning/kategorier/", lists.handler_categories, name="categories"),
    path(HANDLER + "ordning/afdelinger/", lists.handler_departments, name="departments"),
    path(
        HANDLER + "ordning/afdelinger/hent-centre/",
        lists.handler_departments_import,
        name="departments_import",
    ),
    path(HANDLER + "indstillinger/kategorier/", lists.admin_categories, name="admin_categories"),
    path(
        HANDLER + "indstillinger/afdelinger/",
        lists.admin_departments,
        name="admin_departments",
    ),
    path(
        HANDLER + "indstillinger/afdelinger/hent-centre/",
        lists.admin_departments_import,
        name="admin_departments_import",
    ),
    path(HANDLER + "indstillinger/eskalering/", lists.escalation, name="escalation"),
    path(HANDLER + "handlere/", admin.handlers, name="handlers"),
    path(
        HANDLER + "handlere/<int:handler_id>/<slug:change>/",
        admin.handler_change,
        name="handler_change",
    ),
    path(HANDLER + "mundtlig/", handler_scheme.oral_report, name="oral_report"),
    path(REPORT, handler.report_detail, name="detail"),
    path(REPORT + "fil/<uuid:file_id>/", handler.report_file, name="file"),
    path(REPORT + "kvitter/", handler_actions.acknowledge, name="acknowledge"),
    path(REPORT + "screening/", handler_actions.screen, name="screen"),
    path(REPORT + "klassificering/", handler_actions.classify, name="classify"),
    path(REPORT + "besked/", handler_actions.message, name="message"),
    path(REPORT + "notat/", handler_actions.note, name="note"),
    path(REPORT + "videresend/", handler_actions.forward, name="forward"),
    path(REPORT + "orienteret/", handler_actions.inform, name="inform"),
    path(REPORT + "luk/", handler_actions.close, name="close"),
    path(REPORT + "moede/", handler_actions.meeting, name="meeting"),
    path(REPORT + "moede/forslag/", handler_actions.meeting_propose, name="meeting_propose"),
    path(REPORT + "personer/", handler_actions.person_add, name="person_add"),
    path(REPORT + "sager-afsluttet/", handler_actions.proceedings_end, name="proceedings_end"),
    path(REPORT + "videregivelse/", handler_actions.disclose, name="disclose"),
    path(
        REPORT + "videregivelse/<int:disclosure_id>/godkend/",
        handler_actions.disclosure_approve,
        name="disclosure_approve",
    ),
]
