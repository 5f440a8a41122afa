@NullMarked
package dev.scanpay;

import org.jspecify.annotations.NullMarked;
