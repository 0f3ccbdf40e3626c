# Writes OUT, a C file holding every DIR/*.lesson as a string in lesson_builtins,
# so that the built-in lessons travel inside the binary. Files are NN_NAME.lesson:
# NN is the place in the course (the listing's order), NAME what `lesson` takes.
file(GLOB files ${DIR}/*.lesson)
list(SORT files)
set(out "/* made by repl/lessons/embed.cmake from the .lesson files beside it: do not edit */\n")
string(APPEND out "#include \"lesson.h\"\n\n")
set(table "")
foreach(f ${files})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX REPLACE "^[0-9]+_" "" name "${name}")
  file(READ ${f} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND out "static const char lesson_${name}[] = {${bytes}0};\n")
  string(APPEND table "    {\"${name}\", lesson_${name}},\n")
endforeach()
string(APPEND out "\nconst lesson_builtin lesson_builtins[] = {\n${table}    {0, 0},\n};\n")
file(WRITE ${OUT}.tmp "${out}")
configure_file(${OUT}.tmp ${OUT} COPYONLY)
