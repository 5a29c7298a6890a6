# FindZ3: locate the Z3 SMT solver's C/C++ API.
# Debian's libz3-dev ships headers and libz3.so but no CMake package configuration.
#
# Result: Z3_FOUND, Z3_VERSION, Z3_INCLUDE_DIRS, Z3_LIBRARIES and the imported target Z3::Z3.

find_path(Z3_INCLUDE_DIR NAMES z3++.h PATH_SUFFIXES z3)
find_library(Z3_LIBRARY NAMES z3 libz3)

if(Z3_INCLUDE_DIR AND EXISTS "${Z3_INCLUDE_DIR}/z3_version.h")
  file(STRINGS "${Z3_INCLUDE_DIR}/z3_version.h" _z3_version_lines
       REGEX "^#define Z3_(MAJOR|MINOR|BUILD)_(VERSION|NUMBER)[ \t]+[0-9]+")
  foreach(_part MAJOR MINOR BUILD)
    string(REGEX MATCH "Z3_${_part}_(VERSION|NUMBER)[ \t]+([0-9]+)" _match "${_z3_version_lines}")
    set(_z3_${_part} "${CMAKE_MATCH_2}")
  endforeach()
  set(Z3_VERSION "${_z3_MAJOR}.${_z3_MINOR}.${_z3_BUILD}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Z3
  REQUIRED_VARS Z3_LIBRARY Z3_INCLUDE_DIR
  VERSION_VAR Z3_VERSION)

if(Z3_FOUND)
  set(Z3_INCLUDE_DIRS "${Z3_INCLUDE_DIR}")
  set(Z3_LIBRARIES "${Z3_LIBRARY}")
  if(NOT TARGET Z3::Z3)
    add_library(Z3::Z3 UNKNOWN IMPORTED)
    set_target_properties(Z3::Z3 PROPERTIES
      IMPORTED_LOCATION "${Z3_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${Z3_INCLUDE_DIR}")
  endif()
endif()
mark_as_advanced(Z3_INCLUDE_DIR Z3_LIBRARY)
