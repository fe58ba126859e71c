;; hostile_abort: main aborts with text meant to fool a terminal. The message
;; clears the screen (ESC[2J) and starts a new line that fakes a passing run;
;; the file name returns to the start of the line (CR) and moves the cursor
;; up (ESC[1A). The host must escape both. Rebuild: npm run build:testdata
(module
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  ;; AssemblyScript strings: a little-endian u32 byte length, then UTF-16LE
  ;; code units; a string's pointer is 4 bytes past its length.
  ;; "\1b[2J\nPASS: all tests passed", 27 code units.
  (data (i32.const 16) "\36\00\00\00"
    "\1b\00[\002\00J\00\0a\00P\00A\00S\00S\00:\00 \00a\00l\00l\00 \00t\00e\00s\00t\00s\00 \00p\00a\00s\00s\00e\00d\00")
  ;; "a.ts\r\1b[1A", 9 code units.
  (data (i32.const 128) "\12\00\00\00"
    "a\00.\00t\00s\00\0d\00\1b\00[\001\00A\00")
  (func (export "main")
    (call $abort (i32.const 20) (i32.const 132) (i32.const 1) (i32.const 2))))
