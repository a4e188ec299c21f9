-- Filetype detection for gongwen (also registered by plugin/gongwen.lua;
-- this file serves plugin managers that load the plugin lazily).
require("gongwen.filetype").register()
