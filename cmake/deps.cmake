# Every dependency through pkg-config; a missing one stops configuration with
# the Debian package that provides it.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

function(optlab_require var module debpkg)
  pkg_check_modules(${var} IMPORTED_TARGET ${module})
  if(NOT ${var}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debpkg}  (or run ./setup)")
  endif()
endfunction()

optlab_require(NCURSESW ncursesw libncurses-dev)
optlab_require(READLINE readline libreadline-dev)
optlab_require(LIBPNG libpng libpng-dev)
optlab_require(CAIRO cairo libcairo2-dev)
optlab_require(FONTCONFIG fontconfig libfontconfig-dev)
if(OPTLAB_TESTS)
  optlab_require(CMOCKA cmocka libcmocka-dev)
endif()
find_library(MATH_LIB m REQUIRED)
find_package(Threads REQUIRED)

# A static library from a list of sources (an empty interface library while a
# layer has none yet, so that the tree configures at every stage).
function(optlab_library name)
  if(ARGN)
    add_library(${name} STATIC ${ARGN})
    set(${name}_KIND PUBLIC PARENT_SCOPE)
  else()
    add_library(${name} INTERFACE)
    set(${name}_KIND INTERFACE PARENT_SCOPE)
  endif()
endfunction()
