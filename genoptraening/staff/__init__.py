"""Staff tools: talking to the assistant as staff, answer regression checks, review."""
