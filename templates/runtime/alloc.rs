//! A bundle's global allocator: mimalloc, with the system allocator behind it
//! for the requests mimalloc cannot serve.
//!
//! mimalloc takes memory from the OS in large reservations (an arena of 1 GiB,
//! then smaller ones). Under an address-space limit (`RLIMIT_AS`, `ulimit -v`)
//! a reservation can take all the room that is left, and mimalloc then cannot
//! map the bookkeeping of that very reservation: every allocation fails, the
//! next infallible one (a 12-byte `String`) aborts the host process. The
//! system allocator still has room in memory it already holds, so a request
//! mimalloc refuses goes there; only when both refuse does the allocation fail
//! (a fallible one raises `MemoryError`). Freeing asks mimalloc whether it
//! owns the block, but only once the system allocator has served one: until
//! then every block is mimalloc's and freeing costs nothing more.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

unsafe extern "C" {
    /// Whether `p` points into memory mimalloc manages (its page map).
    fn mi_is_in_heap_region(p: *const c_void) -> bool;
}

/// Set once the system allocator has served a request.
static SYSTEM_USED: AtomicBool = AtomicBool::new(false);

/// mimalloc, falling back to the system allocator.
pub struct Allocator;

impl Allocator {
    /// Whether the block at `ptr` came from the system allocator.
    fn from_system(ptr: *mut u8) -> bool {
        // SAFETY: `mi_is_in_heap_region` only looks `ptr` up in mimalloc's page map.
        SYSTEM_USED.load(Ordering::Relaxed)
            && !unsafe { mi_is_in_heap_region(ptr as *const c_void) }
    }

    fn system(ptr: *mut u8) -> *mut u8 {
        if !ptr.is_null() {
            SYSTEM_USED.store(true, Ordering::Relaxed);
        }
        ptr
    }
}

// SAFETY: every block is allocated by mimalloc or by the system allocator and
// returned to the one that allocated it (`from_system`); both uphold
// `GlobalAlloc`'s contract for the layouts they are given.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { MiMalloc.alloc(layout) };
        if ptr.is_null() {
            return Self::system(unsafe { System.alloc(layout) });
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { MiMalloc.alloc_zeroed(layout) };
        if ptr.is_null() {
            return Self::system(unsafe { System.alloc_zeroed(layout) });
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Self::from_system(ptr) {
            unsafe { System.dealloc(ptr, layout) }
        } else {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::from_system(ptr) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        let moved = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            return moved;
        }
        // mimalloc cannot grow the block: a new one from the system allocator
        // SAFETY: `realloc`'s caller guarantees a valid size for this alignment.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let fresh = Self::system(unsafe { System.alloc(new_layout) });
        if !fresh.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, fresh, layout.size().min(new_size));
                MiMalloc.dealloc(ptr, layout);
            }
        }
        fresh
    }
}
