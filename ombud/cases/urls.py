from ombud.cases.views import cases, citizens, exchange, taxonomy

app_name = "cases"

urlpatterns = [
    *cases.urlpatterns,
    *citizens.urlpatterns,
    *exchange.urlpatterns,
    *taxonomy.urlpatterns,
]
