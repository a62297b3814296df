"""The staff console's domain: accounts, sessions, the audit log and edits of the knowledge.

Framework-free (no FastAPI): the web API's ``/staff/`` pages and the ``genoptraening staff``
command both work through these modules. Everything is kept in one database: the SQLite file
``settings.staff_db`` by default, the PostgreSQL database of ``settings.database_url`` when set
(``db.py``).
"""
