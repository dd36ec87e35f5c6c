/* Intentionally (almost) empty: see wasm/wasm.cmake. Emscripten 3.1.6's SSE
   compatibility headers include <mmintrin.h> (MMX), which it does not ship;
   Eigen's SSE path needs none of MMX, so this stand-in satisfies the include. */
#pragma once
