"""Commands over a whole project that write its catalogs or exchange files: extract, update,
init and compile (`catalogs`), export and import (`exchange`). Each takes the catalogs' lock once.
Above the roles; below the package face and the command line.
"""
