"""Column names read the way a person reads them, in French and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.analytics.files import analyse_file
from advisor.analytics.layouts import GENERIC, header_key, resolve_columns


@pytest.mark.parametrize(
    "header",
    [
        "N° client", "Code client", "Numéro client", "Réf. client", "ID client", "Client n°",
        "No client", "Numéro de client", "nº client", "Customer number", "Customer code",
        "Customer ID", "customer_id", "Clients", "CLIENT", "Adresse e-mail", "Courriel",
    ],
)  # fmt: skip
def test_customer_headers_people_write_are_recognised(header: str) -> None:
    columns = resolve_columns(GENERIC, [header, "Date", "Montant"])
    assert columns["customer"] == header


@pytest.mark.parametrize("header", ["Nombre de clients", "Client depuis", "Customer since"])
def test_false_friends_are_not_taken_for_the_customer(header: str) -> None:
    assert "customer" not in resolve_columns(GENERIC, [header, "Date", "Montant"])


def test_word_order_accents_punctuation_and_plurals_do_not_matter() -> None:
    assert header_key("N° client") == header_key("Client n°") == header_key("numero_clients")
    assert header_key("Date de la commande") == header_key("Order date")
    assert header_key("N° de commande") == header_key("Order #") == header_key("order number")
    assert header_key("Nombre de clients") != header_key("Numéro de clients")


def test_a_number_is_preferred_to_a_name_and_the_order_date_to_another_date() -> None:
    headers = ["Nom du client", "N° client", "Date de livraison", "Date de la commande",
               "Montant HT", "Montant TTC", "N° de commande"]  # fmt: skip
    assert resolve_columns(GENERIC, headers) == {
        "customer": "N° client",
        "date": "Date de la commande",
        "amount": "Montant TTC",
        "order": "N° de commande",
    }


def test_a_french_till_export_needs_no_mapping(tmp_path: Path) -> None:
    path = tmp_path / "caisse.csv"
    path.write_text(
        "N° ticket;Client n°;Date;Montant TTC\n"
        "1;C01;05/01/2025;12,50\n2;C02;06/01/2025;30,00\n3;C01;14/02/2025;8,00\n",
        encoding="utf-8",
    )
    data = analyse_file(path).as_json()
    assert data["source"]["columns"] == {
        "customer": "Client n°", "date": "Date", "amount": "Montant TTC", "order": "N° ticket",
    }  # fmt: skip
    assert (data["customers"], data["orders"], data["revenue"]) == (2, 3, 50.5)


def test_a_mapping_names_a_column_as_written_or_as_read() -> None:
    headers = ["Who", "N° client", "Date", "Montant"]
    assert resolve_columns(GENERIC, headers, {"customer": "Who"})["customer"] == "Who"
    assert resolve_columns(GENERIC, headers, {"customer": "numero client"})["customer"] == (
        "N° client"
    )
