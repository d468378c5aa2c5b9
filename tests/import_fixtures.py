"""Small hand-written exports, one per layout and per trap, written to a temporary folder with
the bytes the real tools produce (cp1252, BOMs, UTF-16, no-break spaces)."""

from __future__ import annotations

from pathlib import Path

NBSP, NNBSP = "\u00a0", "\u202f"

# name -> (text, encoding); "\n" becomes "\r\n" where the tool writes Windows line ends.
FIXTURES: dict[str, tuple[str, str]] = {
    # Shopify: line items of #1001 on two rows, order fields on the first only; #1003 refunded,
    # #1004 cancelled, #1005 a guest, #1006 partially refunded (40 − 10).
    "shopify.csv": (
        "Name,Email,Financial Status,Paid at,Created at,Total,Refunded Amount,Cancelled at,"
        "Lineitem name,Billing Zip\n"
        "#1001,a@shop.fr,paid,,2025-01-07 09:50:26 +0200,50.00,0,,Coffee,'69001\n"
        "#1001,a@shop.fr,,,,,,,Mug,\n"
        "#1002,B@Shop.fr,paid,,2025-01-20 18:00:00 +0100,30.00,0,,Coffee,'75011\n"
        "#1003,a@shop.fr,refunded,,2025-02-02 10:00:00 +0100,20.00,20.00,,Beans,\n"
        "#1004,a@shop.fr,paid,,2025-02-05 10:00:00 +0100,25.00,0,2025-02-06 08:00:00 +0100,"
        "Beans,\n"
        "#1005,,paid,,2025-02-10 11:00:00 +0100,15.00,0,,Beans,\n"
        "#1006,b@shop.fr,partially_refunded,,2025-02-14 12:00:00 +0100,40.00,10.00,,Beans,\n",
        "utf-8",
    ),
    # WooCommerce Analytics › Orders: customers by display name; 502 refunded; 501 twice.
    "woo_analytics.csv": (
        "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net sales\n"
        "2025-03-01 10:00:00,501,Completed,Jean Martin,new,Tea,1,,25.00\n"
        "2025-03-02 11:00:00,502,Refunded,Marie Curie,new,Tea,1,,40.00\n"
        "2025-03-05 09:00:00,503,Processing,Marie Curie,new,Tea,2,,40.00\n"
        "2025-04-02 09:00:00,504,Completed,Jean Martin,returning,Tea,1,,10.00\n"
        "2025-03-01 10:00:00,501,Completed,Jean Martin,new,Tea,1,,25.00\n",
        "utf-8",
    ),
    # WooCommerce order-export plugin: one row per line item, total repeated; customer_id 0 is
    # a guest, keyed on the e-mail.
    "woo_export.csv": (
        "order_id,order_date,status,order_total,customer_id,customer_email,billing_email\n"
        "700,2025-01-03,completed,60.00,12,ann@a.fr,ann@a.fr\n"
        "700,2025-01-03,completed,60.00,12,ann@a.fr,ann@a.fr\n"
        "701,2025-01-09,completed,20.00,0,,Guest@B.fr\n"
        "702,2025-02-11,failed,20.00,0,,guest@b.fr\n"
        "703,2025-02-12,completed,35.00,0,,guest@b.fr\n"
        "704,2025-02-20,completed,15.00,12,ann@a.fr,ann@a.fr\n",
        "utf-8",
    ),
    # Stripe: ch_2 fully refunded, ch_3 partly (30 − 10), ch_4 failed.
    "stripe.csv": (
        "id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\n"
        "ch_1,2025-06-01 08:00:00,100.00,0.00,eur,Paid,cus_A,a@x.fr\n"
        "ch_2,2025-06-03 08:00:00,50.00,50.00,eur,Refunded,cus_A,a@x.fr\n"
        "ch_3,2025-07-04 08:00:00,30.00,10.00,eur,Paid,,X@Y.fr\n"
        "ch_4,2025-07-05 08:00:00,80.00,0.00,eur,Failed,cus_B,b@x.fr\n"
        "ch_5,2025-07-09 08:00:00,60.00,0.00,eur,Paid,cus_A,a@x.fr\n",
        "utf-8",
    ),
    # Square: money like $1,250.00; a refund row reduces July's revenue.
    "square.csv": (
        "Date,Time,Time Zone,Gross Sales,Net Sales,Total Collected,Event Type,Customer ID,"
        "Transaction ID\n"
        '2025-06-02,10:00:00,Eastern Time,"$1,250.00","$1,250.00","$1,300.00",Payment,C1,T1\n'
        "2025-06-20,11:00:00,Eastern Time,$40.00,$40.00,$42.00,Payment,C2,T2\n"
        "2025-07-01,12:00:00,Eastern Time,$60.00,$60.00,$63.00,Payment,C1,T3\n"
        "2025-07-03,12:00:00,Eastern Time,-$25.00,-$25.00,-$26.00,Refund,C1,T4\n"
        "2025-07-08,12:00:00,Eastern Time,$9.50,$9.50,$9.50,Payment,,T5\n",
        "utf-8",
    ),
    # PrestaShop, French Excel: ";" cp1252, "52,90 €", thousands with a no-break space.
    "prestashop.csv": (
        "ID;Référence;Nouveau client;Livraison;Client;Total;Paiement;État;Date\n"
        "1;XKBKNABJK;1;France;J. Dupont;52,90 €;Chèque;Livré;07/10/2025 09:50:26\n"
        f"2;OHSATSERP;1;France;M. Lefèvre;1{NBSP}250,00 €;Virement;Paiement accepté;"
        "15/10/2025 10:00:00\n"
        "3;FFATNOMMJ;0;France;J. Dupont;20,00 €;Chèque;Annulé;20/10/2025 10:00:00\n"
        "4;UOYEVOLIB;0;France;J. Dupont;17,10 €;Carte;Livré;03/11/2025 14:00:00\n",
        "cp1252",
    ),
    # French Excel "CSV UTF-8": BOM, ";" , narrow no-break spaces, dd/mm/yyyy, euro after.
    "excel_fr.csv": (
        "Client;Date;Montant\n"
        f"Durand;02/01/2025;1{NNBSP}234,50{NNBSP}€\n"
        "Petit;15/01/2025;10,00 €\n"
        f"Durand;13/02/2025;1 000,00 €\n"
        "Petit;28/02/2025;5,5\n",
        "utf-8-sig",
    ),
    # Excel "Unicode text": UTF-16 with tabs; dates as Excel serial numbers (45658 = 1 Jan 2025).
    "unicode.txt": (
        "Customer\tDate\tAmount\nc1\t45658\t10\nc2\t45689\t20\nc1\t45690\t30\n",
        "utf-16",
    ),
    "ambiguous.csv": (
        "customer,date,amount\nann,03/04/2025,10\nbob,04/03/2025,20\nann,05/06/2025,30\n",
        "utf-8",
    ),
    "mixed_dates.csv": (
        "customer,date,amount\nann,13/01/2025,10\nbob,01/14/2025,20\n",
        "utf-8",
    ),
    "iso_and_french_dates.csv": (
        "customer,date,amount\nann,2025-01-05,10\nbob,20/01/2025,20\n",
        "utf-8",
    ),
    "amounts.csv": (
        "customer,date,amount\n"
        "ann,2025-01-05,10\n"
        "bob,2025-01-06,-20\n"
        "cat,2025-01-07,5000000000000\n"
        "dan,2025-01-08,abc\n"
        "eve,2025-01-09,\n"
        "fay,not a date,10\n",
        "utf-8",
    ),
    "empty.csv": ("", "utf-8"),
    "header_only.csv": ("customer,date,amount\n", "utf-8"),
    "ragged_long.csv": ("customer,date,amount\nann,2025-01-05,10\nbob,2025-01-06,1,5\n", "utf-8"),
    "ragged_short.csv": ("customer,date,amount\nann,2025-01-05,10\nbob,2025-01-06\n", "utf-8"),
    "unclosed_quote.csv": (
        'customer,date,amount\nann,2025-01-05,10\n"bob,2025-01-06,20\ncat,2025-01-07,5\n',
        "utf-8",
    ),
    "duplicate_headers.csv": (
        "customer,date,amount,amount\nann,2025-01-05,10,12\n",
        "utf-8",
    ),
    "nul.csv": ("customer,date,amount\nann,2025-01-05,10\n\0\0\0\0", "utf-8"),
    "unknown.csv": (
        "Who,When,HowMuch\nann,2025-01-05,10\nbob,2025-02-06,20\nann,2025-02-07,5\n",
        "utf-8",
    ),
    # Typeform: a 0–10 question; the third row was never submitted (partial).
    "typeform.csv": (
        "#,How likely are you to recommend us to a friend?,Anything else?,Start Date (UTC),"
        "Submit Date (UTC),Network ID\n"
        "a1,10,Great,2025-01-03 10:00:00,2025-01-03 10:02:00,n1\n"
        "a2,6,,2025-01-04 10:00:00,2025-01-04 10:01:00,n2\n"
        "a3,9,,2025-01-05 10:00:00,,n3\n"
        "a4,8,,2025-02-01 10:00:00,2025-02-01 10:01:00,n4\n"
        "a5,12,,2025-02-02 10:00:00,2025-02-02 10:01:00,n5\n",
        "utf-8",
    ),
    # SurveyMonkey: the question row, then the answer-type row.
    "surveymonkey.csv": (
        "Respondent ID,Collector ID,Start Date,End Date,How satisfied were you with your order?\n"
        ",,,,Response\n"
        "111,9,2025-03-01 10:00:00,2025-03-01 10:05:00,5\n"
        "112,9,2025-03-02 10:00:00,2025-03-02 10:05:00,3\n"
        "113,9,2025-03-03 10:00:00,2025-03-03 10:05:00,4\n",
        "utf-8",
    ),
}


def write_fixture(folder: Path, name: str) -> Path:
    """Write fixture ``name`` into ``folder`` with its encoding; return its path."""
    text, encoding = FIXTURES[name]
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
