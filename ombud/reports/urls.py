from django.urls import path

from ombud.reports.views import drafts, editor, rendering

app_name = "reports"

urlpatterns = [
    path("", drafts.draft_list_view, name="list"),
    path("ny/", drafts.draft_create_view, name="create"),
    path("kladde/<uuid:public_id>/", drafts.draft_edit_view, name="edit"),
    path("kladde/<uuid:public_id>/afsnit/<slug:key>/", editor.section_save_view, name="section"),
    path(
        "kladde/<uuid:public_id>/afsnit/<slug:key>/tal/",
        editor.section_picker_view,
        name="section_picker",
    ),
    path("kladde/<uuid:public_id>/forhaandsvisning/", drafts.draft_preview_view, name="preview"),
    path(
        "kladde/<uuid:public_id>/hent.<str:fmt>", drafts.draft_download_view, name="draft_download"
    ),
    path(
        "kladde/<uuid:public_id>/diagram/<slug:key>/<str:digest>.svg",
        rendering.draft_chart_view,
        name="draft_chart",
    ),
    path(
        "kladde/<uuid:public_id>/lav.<str:fmt>",
        rendering.draft_render_start_view,
        name="draft_render",
    ),
    path("kladde/<uuid:public_id>/offentliggoer/", editor.draft_publish_view, name="publish"),
    path("version/<uuid:public_id>.<str:fmt>", drafts.published_download_view, name="published"),
    path(
        "version/<uuid:public_id>/diagram/<slug:key>/<str:digest>.svg",
        rendering.published_chart_view,
        name="published_chart",
    ),
    path(
        "version/<uuid:public_id>/lav.<str:fmt>",
        rendering.published_render_start_view,
        name="published_render",
    ),
    path("fil/<uuid:public_id>/", rendering.render_view, name="render"),
    path("fil/<uuid:public_id>/koer/", rendering.render_run_view, name="render_run"),
    path("fil/<uuid:public_id>/fremdrift/", rendering.render_progress_view, name="render_progress"),
    path("fil/<uuid:public_id>/hent/", rendering.render_download_view, name="render_download"),
    path("anbefalinger/", drafts.recommendation_list_view, name="recommendations"),
    path("anbefalinger/ny/", drafts.recommendation_create_view, name="recommendation_create"),
    path(
        "anbefalinger/<uuid:public_id>/",
        drafts.recommendation_detail_view,
        name="recommendation",
    ),
    path("moenstre/", drafts.pattern_list_view, name="patterns"),
]
