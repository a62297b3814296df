"""A municipality's published standard brought in: read, drafted, reviewed (``kb import``).

``document`` reads a PDF's text layer, a Word file or plain text into lines; ``artefacts`` takes
out what the extraction left (page numbers, running headers and footers, link lines);
``layout`` finds the headings, paragraphs and lists and writes ``standards/<slug>.md``;
``drafting`` reads the facts a citizen asks for, each with its section and quote;
``importer`` checks the input and writes the files; ``review`` lists and approves the drafts.
"""
