"""The moderators' side: accounts, the queue and every state change."""
