// Packet loops over a block of values, and the partial packet at its end.
//
// The partial packet: its first `count`
// lanes (0 <= count <= the packet size) loaded from memory with the other
// lanes zero, or stored to memory with the other lanes dropped.
//
// Lane by lane through a packet-sized buffer, in a loop of the packet's fixed
// length with a condition, and not std::copy: LLVM turns a copy of a variable
// number of values into memcpy, which the wasm build (-mbulk-memory) emits as
// memory.copy, and V8 runs memory.copy as a call out to C++. For a tail of one
// to three floats that call cost more than the packet's arithmetic: W1 (batch
// 10) made about 13 of them per training step (tests/bench/PROFILE.md).
#pragma once
#include <Eigen/Core>

namespace nnplay {

template <class Packet, class T>
EIGEN_STRONG_INLINE Packet pload_first(const T* src, Eigen::Index count) {
  constexpr int P = Eigen::internal::unpacket_traits<Packet>::size;
  alignas(64) T lanes[P];
  for (int j = 0; j < P; ++j) lanes[j] = j < count ? src[j] : T(0);
  return Eigen::internal::pload<Packet>(lanes);
}

template <class Packet, class T>
EIGEN_STRONG_INLINE void pstore_first(T* dst, const Packet& value, Eigen::Index count) {
  constexpr int P = Eigen::internal::unpacket_traits<Packet>::size;
  alignas(64) T lanes[P];
  Eigen::internal::pstore(lanes, value);
  for (int j = 0; j < P; ++j)
    if (j < count) dst[j] = lanes[j];
}

// out[i] = f(in...)[i] over count values, packet by packet, the last partial
// packet's inputs zero-padded. out may be one of the inputs (element-wise).
template <class Packet, class F, class... In>
inline void map_packets(typename Eigen::internal::unpacket_traits<Packet>::type* out, Eigen::Index count, F&& f,
                        const In*... in) {
  using namespace Eigen::internal;
  constexpr int P = unpacket_traits<Packet>::size;
  Eigen::Index i = 0;
  for (; i + P <= count; i += P) pstoreu(out + i, f(ploadu<Packet>(in + i)...));
  if (i == count) return;
  pstore_first(out + i, f(pload_first<Packet>(in + i, count - i)...), count - i);
}

}  // namespace nnplay
