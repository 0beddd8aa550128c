"""Writers: the project to MS Project XML, native YAML and an Excel action plan."""
