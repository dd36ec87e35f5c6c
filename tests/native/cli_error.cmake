# Runs nnplay-train with bad arguments (cmake -P script, used by CMakeLists.txt):
# passes when it exits with status 2 and its output matches EXPECT.
#   -DPROGRAM=path -DARGS="--opt;value" -DEXPECT=regex
execute_process(COMMAND ${PROGRAM} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "expected exit status 2, got ${status}\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT "${out}${err}" MATCHES "${EXPECT}")
  message(FATAL_ERROR "output does not match: ${EXPECT}\nstdout: ${out}\nstderr: ${err}")
endif()
