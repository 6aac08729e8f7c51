-- Every issued directive looks up the directives it replaces (their tasks move to it).
CREATE INDEX documents_replaced_by ON documents (replaced_by) WHERE state = 'replaced';
