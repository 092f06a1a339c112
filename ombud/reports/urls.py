from django.urls import path

from ombud.reports import render_views, views

app_name = "reports"

urlpatterns = [
    path("", views.draft_list_view, name="list"),
    path("ny/", views.draft_create_view, name="create"),
    path("kladde/<uuid:public_id>/", views.draft_edit_view, name="edit"),
    path("kladde/<uuid:public_id>/afsnit/<slug:key>/", views.section_save_view, name="section"),
    path("kladde/<uuid:public_id>/forhaandsvisning/", views.draft_preview_view, name="preview"),
    path(
        "kladde/<uuid:public_id>/hent.<str:fmt>", views.draft_download_view, name="draft_download"
    ),
    path(
        "kladde/<uuid:public_id>/diagram/<slug:key>/<str:digest>.svg",
        render_views.draft_chart_view,
        name="draft_chart",
    ),
    path(
        "kladde/<uuid:public_id>/lav.<str:fmt>",
        render_views.draft_render_start_view,
        name="draft_render",
    ),
    path("kladde/<uuid:public_id>/offentliggoer/", views.draft_publish_view, name="publish"),
    path("version/<uuid:public_id>.<str:fmt>", views.published_download_view, name="published"),
    path(
        "version/<uuid:public_id>/diagram/<slug:key>/<str:digest>.svg",
        render_views.published_chart_view,
        name="published_chart",
    ),
    path(
        "version/<uuid:public_id>/lav.<str:fmt>",
        render_views.published_render_start_view,
        name="published_render",
    ),
    path("fil/<uuid:public_id>/", render_views.render_view, name="render"),
    path("fil/<uuid:public_id>/koer/", render_views.render_run_view, name="render_run"),
    path(
        "fil/<uuid:public_id>/fremdrift/", render_views.render_progress_view, name="render_progress"
    ),
    path("fil/<uuid:public_id>/hent/", render_views.render_download_view, name="render_download"),
    path("anbefalinger/", views.recommendation_list_view, name="recommendations"),
    path("anbefalinger/ny/", views.recommendation_create_view, name="recommendation_create"),
    path(
        "anbefalinger/<uuid:public_id>/",
        views.recommendation_detail_view,
        name="recommendation",
    ),
    path("moenstre/", views.pattern_list_view, name="patterns"),
]
