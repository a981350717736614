// Planted: an intrinsic the emulator does not implement.
__global__ void sleepy(float* out) {
  __nanosleep(100);
  out[threadIdx.x] = 1.0f;
}
