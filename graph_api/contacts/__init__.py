"""Contacts: organisations' public contact data, contact persons and their privacy."""
