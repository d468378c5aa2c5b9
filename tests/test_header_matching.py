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


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("N° client", {"number", "customer"}),
        ("Code client", {"code", "customer"}),
        ("Numéro client", {"number", "customer"}),
        ("Réf. client", {"ref", "customer"}),
        ("ID client", {"id", "customer"}),
        ("Client n°", {"number", "customer"}),
        ("client_n°", {"number", "customer"}),
        ("No client", {"number", "customer"}),
        ("Numéro de client", {"number", "customer"}),
        ("Identifiant client", {"id", "customer"}),
        ("Customer number", {"number", "customer"}),
        ("Customer code", {"code", "customer"}),
        ("Customer ID", {"id", "customer"}),
        ("Customer #", {"number", "customer"}),
        ("Clients", {"customer"}),
        ("Adresse e-mail", {"adresse", "email"}),
        ("E-Mail", {"email"}),
        ("Courriel", {"email"}),
        ("Date de la commande", {"date", "order"}),
        ("Montant TTC", {"montant", "ttc"}),
        ("Amount (EUR)", {"amount"}),
        ("N° de commande", {"number", "order"}),
        ("N° Cde", {"number", "order"}),
        ("Numéro de facture", {"number", "invoice"}),
        ("N° ticket", {"number", "ticket"}),
        ("Nombre de clients", {"nombre", "customer"}),
        ("Client depuis", {"customer", "depui"}),
        ("Nom du client", {"nom", "customer"}),
    ],
)
def test_header_keys_worked_by_hand(header: str, key: set[str]) -> None:
    assert header_key(header) == frozenset(key)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Date de la commande", "date"), ("Date d'achat", "date"), ("Date facture", "date"),
        ("Date de paiement", "date"), ("Montant TTC", "amount"), ("Montant payé", "amount"),
        ("Amount (EUR)", "amount"), ("Montant total", "amount"), ("N° de commande", "order"),
        ("Réf. commande", "order"), ("Numéro de facture", "order"), ("N° ticket", "order"),
        ("Invoice #", "order"), ("Transaction number", "order"),
    ],
)  # fmt: skip
def test_french_and_english_names_of_the_other_roles(header: str, role: str) -> None:
    others = {"customer": "Client", "date": "Date", "amount": "Montant", "order": "Commande"}
    headers = [header, *(name for other, name in others.items() if other != role)]
    assert resolve_columns(GENERIC, headers)[role] == header


def test_a_customer_since_date_is_not_the_order_date() -> None:
    assert "date" not in resolve_columns(GENERIC, ["Client depuis", "Client", "Montant"])
    headers = ["Customer since", "Customer", "Order date", "Total"]
    assert resolve_columns(GENERIC, headers)["date"] == "Order date"


def test_a_delivery_date_and_an_amount_before_tax_are_taken_no_more_than_before() -> None:
    columns = resolve_columns(GENERIC, ["Client", "Date de livraison", "Montant HT"])
    assert columns == {"customer": "Client"}  # the user maps them if they are the ones
    headers = ["Montant HT", "Date de livraison", "Client", "Total TTC", "Date"]
    assert resolve_columns(GENERIC, headers) == {
        "customer": "Client", "date": "Date", "amount": "Total TTC",
    }  # fmt: skip


def test_an_id_or_an_e_mail_is_preferred_to_a_name() -> None:
    headers = ["Customer name", "Customer", "E-mail", "Customer ID", "Date", "Amount"]
    assert resolve_columns(GENERIC, headers)["customer"] == "Customer ID"
    assert resolve_columns(GENERIC, headers[:3] + headers[4:])["customer"] == "E-mail"
    assert (
        resolve_columns(GENERIC, ["Nom du client", "Client", "Date", "Montant"])["customer"]
        == "Client"
    )


def test_a_plural_column_counts_orders_and_is_no_order_number() -> None:
    for header in ("Orders", "Commandes", "tickets"):
        assert "order" not in resolve_columns(GENERIC, ["Client", "Date", "Montant", header])
    assert resolve_columns(GENERIC, ["Client", "Date", "Montant", "Commande"])["order"] == (
        "Commande"
    )
