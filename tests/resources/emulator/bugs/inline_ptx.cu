// Planted: inline PTX assembly.
__global__ void lane_id(int* out) {
  int lane;
  asm volatile("mov.u32 %0, %%laneid;" : "=r"(lane));
  out[threadIdx.x] = lane;
}
