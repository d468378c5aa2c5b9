"""Tables written for spreadsheets: ``.xlsx`` with typed cells and formats, or CSV in the
reader's convention."""
