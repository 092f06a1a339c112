// Statistics page: choosing a year clears a custom period, since dates win over the year.
document.addEventListener("DOMContentLoaded", function () {
  var year = document.getElementById("id_year");
  if (!year) {
    return;
  }
  year.addEventListener("change", function () {
    ["id_from", "id_to"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input) {
        input.value = "";
      }
    });
  }, true);
});
