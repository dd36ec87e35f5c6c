# The WebAssembly module, built when the top-level CMakeLists.txt runs under
# `emcmake cmake` (Debian's Emscripten 3.1.6; see shared/TOOLCHAIN.md).
# Outputs in the build directory (scripts/build.sh copies them to dist/):
#   nnplay-core.mjs + nnplay-core.wasm   ES module factory + its wasm (browser, worker;
#                                        Node with wasmBinary, which wasm/js/nnplay.js passes)
#   nnplay-core-single.mjs               the same with the wasm embedded (SINGLE_FILE)

option(NNPLAY_WASM_SIMD "Compile the engine with Wasm SIMD through Eigen's SSE path" ON)

# ---- nlohmann-json without /usr/include ----------------------------------------
# Debian's nlohmann_json target puts /usr/include on the include path, where
# glibc's headers would shadow Emscripten's libc (`bits/wordsize.h` not found).
# Point the target at a directory holding only a link to its nlohmann/ folder.
find_path(NNPLAY_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(nnplay_json_include ${CMAKE_BINARY_DIR}/nlohmann-include)
file(MAKE_DIRECTORY ${nnplay_json_include})
file(CREATE_LINK ${NNPLAY_NLOHMANN_DIR}/nlohmann ${nnplay_json_include}/nlohmann SYMBOLIC)
set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${nnplay_json_include})

# ---- compile flags for every wasm object: the engine AND the bindings -----------
# They must be identical on both sides: Eigen's types and inline code depend on
# the SIMD flags, so mixing them across translation units would break the ODR.
# They travel with nnplay_engine (PUBLIC), so anything linking it gets them.
add_library(nnplay_wasm_flags INTERFACE)
# -fwasm-exceptions on compile and link: WebAssembly's own exception handling,
# so destructors run when the engine throws and the bindings can catch
# std::exception (without exception support a throw aborts the module). Unlike
# -fexceptions (Emscripten's JavaScript-based scheme) it costs nothing until
# something throws: -fexceptions routes every call that may throw out of a frame
# with destructors through a wasm->JS->wasm `invoke_*` trampoline, measured at
# ~7 % of a small network's training step (tests/bench/PROFILE.md). Node 20 and
# Chromium run it (the legacy exception instructions, which 3.1.6 emits).
target_compile_options(nnplay_wasm_flags INTERFACE -fwasm-exceptions)
target_link_options(nnplay_wasm_flags INTERFACE -fwasm-exceptions)
if(NNPLAY_WASM_SIMD)
  # THE SIMD WORKAROUND, kept in this one place. Eigen 3.4 has no WebAssembly
  # SIMD backend; with -msimd128 alone it stays scalar. Emscripten translates the
  # x86 SSE intrinsics to wasm SIMD128, so we let Eigen take its SSE path:
  #   -msimd128 -msse4.1   enable wasm SIMD and the SSE..SSE4.1 intrinsic headers
  #   -fgnuc-version=4.23  Eigen's compiler checks need a GCC version (clang under
  #                        Emscripten reports none); without it Eigen tries x86
  #                        inline asm and fails to compile
  #   sse-shim/ first      holds an empty mmintrin.h, which 3.1.6 lacks
  # Measured 2.5x faster than a plain wasm build; outputs agree with the native
  # engine to 1e-5 (tests/js/native-parity.test.mjs checks it).
  target_include_directories(nnplay_wasm_flags BEFORE INTERFACE ${CMAKE_CURRENT_LIST_DIR}/sse-shim)
  #   EIGEN_ARCH_DEFAULT_NUMBER_OF_REGISTERS=16
  #                        Eigen's SSE path assumes 2 * sizeof(void*) vector
  #                        registers: 8 in wasm32, so its matrix-product kernel
  #                        shrank to 4x4. V8 compiles wasm SIMD onto the host's
  #                        16 (x64) or 32 (arm64) registers, as native x86-64 has.
  #                        (W3, W4: 0.97-0.99x the time.)
  target_compile_options(nnplay_wasm_flags INTERFACE -msimd128 -msse4.1 -fgnuc-version=4.23)
  target_compile_definitions(nnplay_wasm_flags INTERFACE EIGEN_ARCH_DEFAULT_NUMBER_OF_REGISTERS=16)
  target_link_options(nnplay_wasm_flags INTERFACE -msimd128)
endif()
# -flto: the engine's files optimized as one at link (the optimizer's update
#   and the layers' kernels inlined into the training loop); -mbulk-memory:
#   memcpy/memset as memory.copy/fill; -mnontrapping-fptoint: float-to-int
#   casts without the range checks around them. Node 20 and Chromium have all
#   three. Measured (A/B in one process, medians of 9 rounds): W1 0.96x,
#   W2 0.93x, W3 0.98x the time; G and W4 unchanged; the wasm grows 35 KB.
target_compile_options(nnplay_wasm_flags INTERFACE -flto -mbulk-memory -mnontrapping-fptoint)
target_link_options(nnplay_wasm_flags INTERFACE -flto -mbulk-memory -mnontrapping-fptoint)
target_link_libraries(nnplay_engine PUBLIC nnplay_wasm_flags)

# ---- the bindings, compiled once, linked twice --------------------------------
add_library(nnplay_bindings OBJECT ${CMAKE_CURRENT_LIST_DIR}/bindings.cpp)
target_link_libraries(nnplay_bindings PUBLIC nnplay_engine PRIVATE nlohmann_json::nlohmann_json)
target_compile_options(nnplay_bindings PRIVATE ${NNPLAY_WARNINGS})

set(NNPLAY_WASM_LINK_OPTIONS
  -O3
  --bind                          # Embind
  -sMODULARIZE=1 -sEXPORT_ES6=1   # `import createNnplayCore from './nnplay-core.mjs'`
  -sEXPORT_NAME=createNnplayCore
  -sENVIRONMENT=web,worker        # Node loads it too: see the table in TOOLCHAIN.md
  -sDYNAMIC_EXECUTION=0           # no eval/new Function: works under strict CSP
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  -sINCOMING_MODULE_JS_API=wasmBinary,locateFile,instantiateWasm,print,printErr
)

foreach(variant nnplay-core nnplay-core-single)
  add_executable(${variant} $<TARGET_OBJECTS:nnplay_bindings>)
  target_link_libraries(${variant} PRIVATE nnplay_engine)
  target_link_options(${variant} PRIVATE ${NNPLAY_WASM_LINK_OPTIONS})
  set_target_properties(${variant} PROPERTIES SUFFIX ".mjs")
endforeach()
target_link_options(nnplay-core-single PRIVATE -sSINGLE_FILE=1)
