"""Beyond the .pptx: LibreOffice conversion, PNG previews and the trainee handout."""
