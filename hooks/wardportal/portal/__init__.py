"""The portal's own sections beside the news: contact settings, documents (văn bản),
the weekly schedule (lịch công tác) and the text site map. No MkDocs import here."""
