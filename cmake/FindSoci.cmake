# Debian's libsoci-dev ships no CMake package: find the headers and the libraries ourselves.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)
find_library(SOCI_SQLITE3_LIBRARY NAMES soci_sqlite3)
find_library(SOCI_POSTGRESQL_LIBRARY NAMES soci_postgresql)
find_path(POSTGRESQL_INCLUDE_DIR libpq-fe.h PATH_SUFFIXES postgresql)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Soci REQUIRED_VARS SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY
                                                     SOCI_SQLITE3_LIBRARY SOCI_POSTGRESQL_LIBRARY)

if(Soci_FOUND AND NOT TARGET Soci::core)
  add_library(Soci::core UNKNOWN IMPORTED)
  set_target_properties(Soci::core PROPERTIES IMPORTED_LOCATION ${SOCI_CORE_LIBRARY}
                                              INTERFACE_INCLUDE_DIRECTORIES ${SOCI_INCLUDE_DIR}
                                              INTERFACE_LINK_LIBRARIES ${CMAKE_DL_LIBS})
  add_library(Soci::sqlite3 UNKNOWN IMPORTED)
  set_target_properties(Soci::sqlite3 PROPERTIES
                        IMPORTED_LOCATION ${SOCI_SQLITE3_LIBRARY}
                        INTERFACE_LINK_LIBRARIES "Soci::core;SQLite::SQLite3")
  add_library(Soci::postgresql UNKNOWN IMPORTED)
  set_target_properties(Soci::postgresql PROPERTIES IMPORTED_LOCATION ${SOCI_POSTGRESQL_LIBRARY}
                                                    INTERFACE_LINK_LIBRARIES Soci::core)
  if(POSTGRESQL_INCLUDE_DIR)
    set_property(TARGET Soci::postgresql APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES
                                                          ${POSTGRESQL_INCLUDE_DIR})
  endif()
endif()
