"""The data layer: the Flask extensions, transactions and column types, the models, and the
encryption of health information at rest."""
