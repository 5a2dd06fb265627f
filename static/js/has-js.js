// Before the first paint: styles may hide what only works with JavaScript (.js).
document.documentElement.className = "js";
